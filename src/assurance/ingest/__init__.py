"""Ingestion: read deliveries, validate them against the contract, load them in one transaction."""
