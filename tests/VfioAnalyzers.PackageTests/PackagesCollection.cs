using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>One packed feed for every test class that installs the packages: packing both takes half a minute.</summary>
    [CollectionDefinition(Name)]
    public sealed class PackagesCollection : ICollectionFixture<PackedFeed>
    {
        public const string Name = "packed feed";
    }
}
