"""The static site: graph views and their layouts, page data, text converted to typed items,
templates rendered, and the site written whole."""
