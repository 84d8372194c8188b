"""A whole class on a real JupyterHub on this machine, from roster to grades.

One concept per module:

- :mod:`~workbench.classroom.roster`: the class roster (login, name, email, seed, language);
- :mod:`~workbench.classroom.folder`: the class folder holding the hub's state, never in the repository;
- :mod:`~workbench.classroom.trainees`: each trainee's Unix account and home, made ready for the lab;
- :mod:`~workbench.classroom.proxy`: the hub's proxy (configurable-http-proxy), installed beforehand;
- :mod:`~workbench.classroom.spawner`: each trainee's lab started as their own account, in a bubblewrap of its own;
- :mod:`~workbench.classroom.singleuser`: the trainee's lab server, without what a class does not use;
- :mod:`~workbench.classroom.hubconfig`: the JupyterHub configuration the class folder's config file applies;
- :mod:`~workbench.classroom.hub`: the running hub and its REST API;
- :mod:`~workbench.classroom.handouts`: release lessons into every home, collect hand-ins, return feedback;
- :mod:`~workbench.classroom.status`: who is logged in, running, and how far each trainee is;
- :mod:`~workbench.classroom.command`: the ``workbench classroom`` command line.
"""
