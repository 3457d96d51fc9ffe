"""Getting requests to companies: SMTP, the user's mail client, the Data Rights Protocol."""
