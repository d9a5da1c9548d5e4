"""Passages, embeddings, the FAISS and BM25 indexes on disk, and search."""
