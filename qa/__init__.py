"""From a question and its hits to an extractive answer with citations."""
