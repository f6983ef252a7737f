"""The file system and the process edge: reading and writing files atomically (`fs`), the
content-addressed cache (`cache`), the project configuration (`config`), watching a
folder (`watch`) and serving the site (`serve`)."""
