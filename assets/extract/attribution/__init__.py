"""Attribution: claims, their cues and content, and the parties they are attributed to.

Importing `component` registers the `newsclaims_attributions` spaCy factory; the package itself
imports no spaCy (the data card reads the model's dev figures in a process that parses nothing).
"""
