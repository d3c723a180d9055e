"""The devserver's build engine (tools/preview/engine.py): Pelican kept in memory, so that
the page of one edited file is shown before the whole site is rebuilt."""
