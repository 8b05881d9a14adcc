"""Rule passes of the framing analysis: small named functions over processed documents."""
