// Two types of one name in two namespaces, for SchemaIdTests.
namespace Sroi.Ledger.Api.Tests.Conventions.Twins.One
{
    public sealed record Twin(string Name);
}

namespace Sroi.Ledger.Api.Tests.Conventions.Twins.Other
{
    public sealed record Twin(int Number);
}
