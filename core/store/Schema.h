// The client store's schema and its forward migrations, one step per
// version (PRAGMA user_version). Run by Store when it opens the database,
// in one transaction; a store newer than this Natter is refused.
#pragma once

namespace natter {

class Database;

namespace schema {

constexpr int kVersion = 7;

// Brings the store to kVersion; throws StoreError.
void migrate(Database &db);

} // namespace schema
} // namespace natter
