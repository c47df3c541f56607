"""One function per user action: verb_noun(*, session, actor, ...).

Each checks permission itself, calls db and domain, and returns plain values.
"""
