"""The model client: structured calls with retries, the agent's model, the outbound guard."""
