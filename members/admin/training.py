"""Admin registrations."""
