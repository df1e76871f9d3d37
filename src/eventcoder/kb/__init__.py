"""Knowledge-base tools: converters from other dictionaries into our data files."""
