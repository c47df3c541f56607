"""One function per user action: verb_noun(*, session, actor, ...). Checks permission, returns plain values."""
