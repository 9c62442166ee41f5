// Whose a checkpoint is: the options that decide which versions a source reads.
#include <doctest/doctest.h>

#include "cursor/checkpoint_identity.h"

using namespace defender;

namespace {

Options base() {
  Options o;
  o.tenant_id = "contoso.onmicrosoft.com";
  o.api = Api::graph;
  return o;
}

}  // namespace

TEST_CASE("the same options give the same identity, and the tenant's case does not matter") {
  Options upper = base();
  upper.tenant_id = "Contoso.OnMicrosoft.com";
  CHECK(checkpoint_identity(base()) == checkpoint_identity(upper));
  CHECK(identity_difference(checkpoint_identity(base()), checkpoint_identity(upper)).empty());
}

TEST_CASE("the identity is stable across releases, since it is persisted") {
  const CheckpointIdentity id = checkpoint_identity(base());
  CHECK(id.tenant == 0xb731cb47e77e6057ULL);
  CHECK(id.api == 0x8788f8b73f2f72dcULL);
  CHECK(id.paging == 0xcd57327e474440eeULL);
  CHECK(id.selection == 0xefd01f60ba992926ULL);
}

TEST_CASE("each identifying option is named when it differs") {
  Options tenant = base();
  tenant.tenant_id = "fabrikam.onmicrosoft.com";
  Options api = base();
  api.api = Api::alerts;
  Options updates = base();
  updates.emit_updates = false;
  Options filter = base();
  filter.filter = "severity eq 'high'";
  const CheckpointIdentity stored = checkpoint_identity(base());
  CHECK(identity_difference(stored, checkpoint_identity(tenant)) == "tenant-id()");
  CHECK(identity_difference(stored, checkpoint_identity(api)) == "api()");
  CHECK(identity_difference(stored, checkpoint_identity(updates)) == "emit-updates()");
  CHECK(identity_difference(stored, checkpoint_identity(filter)) == "filter() or machine-groups()");

  Options both = tenant;
  both.filter = filter.filter;
  CHECK(identity_difference(stored, checkpoint_identity(both)) == "tenant-id(), filter() or machine-groups()");
}

TEST_CASE("machine groups identify a checkpoint in any order, and the filter is not confused with them") {
  Options ab = base();
  ab.api = Api::siem;
  ab.machine_groups = {"a", "b"};
  Options ba = ab;
  ba.machine_groups = {"b", "a"};
  Options joined = ab;
  joined.machine_groups = {"ab"};
  CHECK(checkpoint_identity(ab) == checkpoint_identity(ba));
  CHECK_FALSE(checkpoint_identity(ab) == checkpoint_identity(joined));
}

TEST_CASE("settings that do not change what is read leave the identity alone") {
  Options other = base();
  other.page_size = 10;
  other.poll_interval_seconds = 5;
  other.late_arrival_seconds = 60;
  other.format.format = Format::json;
  CHECK(checkpoint_identity(base()) == checkpoint_identity(other));
}
