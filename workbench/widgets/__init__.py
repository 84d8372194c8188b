"""ipywidgets front-ends over the workbench functions (no logic of their own)."""


def in_a_kernel() -> bool:
    """Whether this runs in a notebook's kernel, where an Output widget can show what is drawn.

    Outside one (a test, a script, a doctest) widgets keep their results on the object and draw nothing.

    >>> in_a_kernel()
    False
    """
    from IPython import get_ipython

    return hasattr(get_ipython(), "kernel")
