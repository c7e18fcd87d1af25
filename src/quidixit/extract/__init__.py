"""Finding statements in a parsed Doc (stub until the rules land)."""
def find_statements(doc, lexicon, *, keep_boilerplate=False):
    return [], [], []
