"""From alerts to stories: rows judged as groups (`by`), alerts clustered into investigations, and
similar past incidents from approved feedback."""
