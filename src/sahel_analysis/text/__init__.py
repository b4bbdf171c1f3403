"""Layer 1, text: facts about Arabic text that hold for any document.

The character table, normalisation for matching, word plausibility (the
lexicon) and sentence splitting. Imports only the foundation modules
(`errors`, `package_data`, `atomic`).
"""
