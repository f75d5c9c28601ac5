"""Text helpers: language detection, OCR repair, word error rate."""
