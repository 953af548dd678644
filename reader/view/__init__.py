"""Presentation without a screen library: words for what the core found, the layout of
a comparison as rows of styled runs, word wrapping by terminal cells, and the JSON
shapes. The painters (reader.term, reader.html, reader.ui) draw what this layer says."""
