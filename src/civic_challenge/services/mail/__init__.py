"""Email: messages rendered from templates into the outbox, and the sender that delivers them."""
