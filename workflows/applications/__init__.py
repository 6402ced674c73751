"""Applications: a job's status and its history, the files that went with it, its details."""
