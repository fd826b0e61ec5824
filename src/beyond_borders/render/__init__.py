"""Drawing primitives shared by every view: figures to PNG, captions, styles. No widgets here."""
