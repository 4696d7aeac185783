"""Text views and segmentation: script conversion, the pkuseg model, the spaCy tokenizer."""
