"""Who is working on what, read from GitHub: issues, their comments and pull requests.

`records` holds the typed records of GitHub's answers (pure), `client` fetches them through
GitHub's REST API with a conditional-request cache (the only I/O here), and `claims` decides
from them, for every node, whether it is free, claimed, in review or done (pure).
"""
