"""The engine: the judge stack (cache, budget, concurrency, resilience) and the row stream through it."""
