using Xunit;

// Every test here runs dotnet pack or dotnet build against this repository's projects; two at once would race on
// the same obj/ folders.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
