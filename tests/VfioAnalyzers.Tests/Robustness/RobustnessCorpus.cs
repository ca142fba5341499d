namespace VfioAnalyzers.Tests.Robustness
{
    /// <summary>Realistic bodies in the shapes users write, clean and leaking, to be cut and mangled.</summary>
    internal static class RobustnessCorpus
    {
        public static readonly string[] Sources =
        {
            """
            using System; using System.Collections.Generic; using System.Threading.Tasks; using Vfio;
            class Driver
            {
                private VfioGroup? _group; private readonly List<VfioGroup> _groups = new();
                int Open(VfioCore core, VfioDevice device, bool ok)
                {
                    int ret = 0;
                    var group = core.GetExternalUserFromDev(device);
                    if (!ok) { ret = -22; goto err_put; }
                    _group = group;
                    return 0;
                err_put:
                    core.PutExternalUser(group);
                    return ret;
                }
                void Release(VfioCore core) { var g = _group; _group = null; if (g != null) core.PutExternalUser(g); }
                int Try(VfioCore core, VfioGroupFile file)
                {
                    if (!core.TryGetExternalUser(file, out var group, out var error)) return -(int)error;
                    try { return core.ExternalUserIommuId(group); } finally { core.PutExternalUser(group); }
                }
                async Task<int> Async(VfioCore core, VfioGroupFile file)
                {
                    var g = core.GetExternalUser(file);
                    await Task.Yield();
                    core.PutExternalUser(g);
                    return 1;
                }
                IEnumerable<int> Iterate(VfioCore core, VfioGroupFile[] files)
                {
                    foreach (var f in files) { var g = core.GetExternalUser(f); yield return g.Id; core.PutExternalUser(g); }
                }
                void Lambdas(VfioCore core, VfioGroupFile file)
                {
                    var g = core.GetExternalUser(file);
                    Action put = () => core.PutExternalUser(g);
                    void Local() { core.PutExternalUser(g); }
                    Local();
                    _groups.Add(core.GetExternalUser(file));
                }
            }
            """,
            """
            using System; using Vfio;
            class Switches
            {
                int M(VfioCore core, VfioGroupFile file, int mode, object o)
                {
                    VfioGroup? g = null;
                    bool held = false;
                    try
                    {
                        g = core.GetExternalUser(file);
                        held = true;
                        switch (mode) { case 0: return 1; case 1: throw new VfioException(Errno.EINVAL); default: break; }
                        var r = mode switch { 1 => g?.Id ?? 0, _ => o is VfioGroup x ? x.Id : -1 };
                        while (r > 0) { if (r == 3) break; r--; if (r == 5) continue; }
                        using var d = new System.IO.MemoryStream();
                        return r;
                    }
                    catch (VfioException e) when (e.Errno == Errno.EBUSY) { throw; }
                    finally { if (held) core.PutExternalUser(g!); }
                }
            }
            """,
        };
    }
}
