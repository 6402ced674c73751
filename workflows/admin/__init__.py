"""Administration: accounts, deletion, the role guard, keys, support views."""
