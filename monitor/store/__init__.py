"""The SQLite file: `schema` opens it and upgrades it, `rows` reads and writes plain rows,
`results` writes a crawled page's result."""
