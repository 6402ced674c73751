"""Generation: job analysis, tailoring, cover letters, refinement."""
