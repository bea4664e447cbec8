"""Code shown on the PyTorch tutorials site: helpers and one script per lesson."""
