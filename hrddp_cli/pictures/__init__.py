"""Pictures drawn as SVG from what an audience may see: the timeline of a dossier and its risk matrix."""
