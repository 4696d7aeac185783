"""See and correct annotations: HTML view, Label Studio and doccano round trips, agreement."""
