"""ipywidgets front-ends over the workbench functions (no logic of their own)."""
