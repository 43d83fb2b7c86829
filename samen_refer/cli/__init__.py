"""The ``samen-refer`` command line: thin commands over the engine, behind one error boundary."""
