"""Calls: uploads, their stored recordings, transcripts, detections and grades."""
