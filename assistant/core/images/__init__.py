"""Images in phrases (size charts, product photos): checked, stripped, stored by hash."""
