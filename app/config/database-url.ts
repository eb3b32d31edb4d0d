/** Where the embedded SQLite database lives unless DATABASE_URL says otherwise. */
export const DEFAULT_DATABASE_URL = "file:./prisma/data/app.db";
