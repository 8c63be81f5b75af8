"""The build, its benchmark, the reviewers' command and the Sphinx fixes. The top layer below
``__main__``."""
