"""The library: import, export, jobs, resumes, versions."""
