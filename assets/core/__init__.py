"""The ground floor: the table contract, settings, storage, checks, validation and the worker pool."""
