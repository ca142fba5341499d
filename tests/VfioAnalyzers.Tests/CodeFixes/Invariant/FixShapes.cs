namespace VfioAnalyzers.Tests.CodeFixes.Invariant
{
    /// <summary>
    /// Shapes where a fix used to add a bug or not compile, and their near misses, for the invariant test: exits shared
    /// with paths that released, stored, returned or never acquired the reference, Try methods, goto cleanup, loops,
    /// switch sections, finally blocks that read the reference, discarded calls in every position.
    /// </summary>
    internal static class FixShapes
    {
        public static readonly string[] Sources =
        {
            """
            using Vfio;
            class StoredOnOnePath
            {
                private VfioGroup? _field;
                void Use(VfioCore core, VfioGroupFile file, bool keep)
                {
                    var g = core.GetExternalUser(file);
                    if (keep)
                        _field = g;
                    core.ExternalUserIommuId(g);
                }
            }
            """,
            """
            using Vfio;
            class AcquiredOnOnePath
            {
                void Use(VfioCore core, VfioGroupFile file, bool a)
                {
                    VfioGroup? g = null;
                    if (a)
                        g = core.GetExternalUser(file);
                    return;
                }
            }
            """,
            """
            using Vfio;
            class SwitchSectionExit
            {
                int Use(VfioCore core, VfioGroupFile file, int mode)
                {
                    var g = core.GetExternalUser(file);
                    switch (mode)
                    {
                        case 0:
                            return 1;
                        case 1:
                            core.PutExternalUser(g);
                            return 2;
                    }
                    core.PutExternalUser(g);
                    return 0;
                }
            }
            """,
            """
            using Vfio;
            class DiscardedEverywhere
            {
                void Validate(VfioCore core, VfioGroupFile file) => core.GetExternalUser(file);
                void Validate2(VfioCore core, VfioGroupFile file, bool x)
                {
                    if (x)
                        core.GetExternalUser(file);
                }
                void Validate3(VfioCore core, VfioGroupFile file)
                {
                    _ = core.GetExternalUser(file);
                }
                int Validate4(VfioCore core, VfioGroupFile file)
                {
                    return core.GetExternalUser(file).Id;
                }
                void Validate5(VfioCore core, VfioGroupFile file)
                {
                    core.TryGetExternalUser(file, out _, out _);
                }
                bool Validate6(VfioCore core, VfioGroupFile file)
                {
                    return core.TryGetExternalUser(file, out _, out var e) && e == Errno.EBUSY;
                }
            }
            """,
            """
            using Vfio;
            class Overwrites
            {
                int Use(VfioCore core, VfioGroupFile a, VfioGroupFile b, bool x)
                {
                    VfioGroup? g = x ? core.GetExternalUser(a) : null;
                    g = core.GetExternalUser(b);
                    core.PutExternalUser(g);
                    return 0;
                }
                int Use2(VfioCore core, VfioGroupFile[] files)
                {
                    VfioGroup? g = null;
                    foreach (var f in files)
                    {
                        g = core.GetExternalUser(f);
                    }
                    if (g != null) core.PutExternalUser(g);
                    return 0;
                }
                int Use3(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                {
                    var g = core.GetExternalUser(a);
                    if (g.Id > 0)
                        g = core.GetExternalUser(b);
                    core.PutExternalUser(g);
                    return 0;
                }
            }
            """,
            """
            using Vfio;
            class DoublePuts
            {
                void Use(VfioCore core, VfioGroupFile file, bool x)
                {
                    var g = core.GetExternalUser(file);
                    if (x)
                    {
                        core.PutExternalUser(g);
                        core.PutExternalUser(g);
                    }
                    else
                        core.PutExternalUser(g);
                }
                void Use2(VfioCore core, VfioGroupFile file, bool x)
                {
                    var g = core.GetExternalUser(file);
                    if (x)
                        core.PutExternalUser(g);
                    else
                    {
                        core.ExternalUserIommuId(g);
                    }
                    if (g.Id > 0)
                        core.PutExternalUser(g);
                }
                void Use3(VfioCore core, VfioGroupFile file, bool x)
                {
                    var g = core.GetExternalUser(file);
                    core.PutExternalUser(g);
                    if (x) core.PutExternalUser(g);
                }
            }
            """,
            """
            using Vfio;
            class GotoCleanup
            {
                int Open(VfioCore core, VfioDevice device, bool fail)
                {
                    VfioGroup? g = null;
                    int ret = 0;
                    if (fail) { ret = -1; goto cleanup; }
                    g = core.GetExternalUserFromDev(device);
                    if (g.Id < 0) { ret = -2; goto cleanup; }
                    return 0;
                cleanup:
                    core.PutExternalUser(g!);
                    return ret;
                }
            }
            """,
            """
            using Vfio;
            class FinallyReadsTheReference
            {
                int Use(VfioCore core, VfioGroupFile file, bool x)
                {
                    var g = core.GetExternalUser(file);
                    try
                    {
                        if (x) return 1;
                    }
                    finally
                    {
                        core.ExternalUserIommuId(g);
                    }
                    core.PutExternalUser(g);
                    return 0;
                }
            }
            """,
            """
            using Vfio;
            class LoopExits
            {
                void Use(VfioCore core, VfioGroupFile[] files)
                {
                    foreach (var f in files)
                    {
                        var g = core.GetExternalUser(f);
                        if (g.Id < 0)
                            continue;
                        core.PutExternalUser(g);
                    }
                }
                void Use2(VfioCore core, VfioGroupFile[] files)
                {
                    for (int i = 0; i < files.Length; i++)
                    {
                        var g = core.GetExternalUser(files[i]);
                        if (g.Id < 0)
                            break;
                        core.PutExternalUser(g);
                    }
                }
            }
            """,
            """
            using System.Threading;
            class InPlaceLocks
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
                private readonly object _lock = new object();
                int Use(bool x)
                {
                    if (!_gate.Wait(0))
                        return -1;
                    if (x)
                        return 1;
                    _gate.Release();
                    return 0;
                }
                int Use2(bool x)
                {
                    bool taken = _gate.Wait(0);
                    if (x)
                        return 1;
                    if (taken) _gate.Release();
                    return 0;
                }
                void Use3(bool x)
                {
                    bool lockTaken = false;
                    Monitor.Enter(_lock, ref lockTaken);
                    if (x) return;
                    Monitor.Exit(_lock);
                }
            }
            """,
            """
            using Vfio;
            class LocalFunctionsAndThrowExpressions
            {
                int Use(VfioCore core, VfioGroupFile file)
                {
                    var g = core.GetExternalUser(file);
                    return Compute(g);
                    int Compute(VfioGroup x) => core.ExternalUserIommuId(x);
                }
                System.Func<int> Make(VfioCore core, VfioGroupFile file)
                {
                    return () =>
                    {
                        var g = core.GetExternalUser(file);
                        return g.Id;
                    };
                }
                int Use2(VfioCore core, VfioGroupFile file, int n)
                {
                    var g = core.GetExternalUser(file);
                    var r = n switch { 0 => throw new System.InvalidOperationException(), _ => 1 };
                    core.PutExternalUser(g);
                    return r;
                }
                int Use3(VfioCore core, VfioGroupFile file, int? n)
                {
                    var g = core.GetExternalUser(file);
                    int v = n ?? throw new System.ArgumentNullException(nameof(n));
                    core.PutExternalUser(g);
                    return v;
                }
            }
            """,
            """
            using Vfio;
            class PutsOnBranches
            {
                int Use(VfioCore core, VfioGroupFile file, bool x)
                {
                    var g = core.GetExternalUser(file);
                    if (x)
                    {
                        core.PutExternalUser(g);
                    }
                    else
                    {
                        core.PutExternalUser(g);
                        core.PutExternalUser(g);
                    }
                    return 0;
                }
                int Use2(VfioCore core, VfioGroupFile file, bool x)
                {
                    var g = core.GetExternalUser(file);
                    core.PutExternalUser(g);
                    if (x)
                        core.PutExternalUser(g);
                    else
                        return 1;
                    return 0;
                }
                int Use3(VfioCore core, VfioGroupFile file, bool x)
                {
                    if (!core.TryGetExternalUser(file, out var g, out _))
                    {
                        if (x) core.PutExternalUser(g!);
                        return -1;
                    }
                    core.PutExternalUser(g);
                    return 0;
                }
            }
            """,
            """
            using Vfio;
            class UsingLockAndElse
            {
                int Use(VfioCore core, VfioGroupFile file)
                {
                    var g = core.GetExternalUser(file);
                    using (var s = new System.IO.MemoryStream())
                    {
                        if (s.Length == 0)
                            return 1;
                    }
                    core.PutExternalUser(g);
                    return 0;
                }
                int Use2(VfioCore core, VfioGroupFile file)
                {
                    var g = core.GetExternalUser(file);
                    lock (this)
                        return 1;
                }
                int Use3(VfioCore core, VfioGroupFile file, bool x)
                {
                    var g = core.GetExternalUser(file);
                    if (x) return 1; else return 2;
                }
                void Use4(VfioCore core, VfioGroupFile file, bool x)
                {
                    var g = core.GetExternalUser(file);
                    while (x) { if (g.Id > 0) return; x = false; }
                    core.PutExternalUser(g);
                }
            }
            """,
            """
            using Vfio;
            class ReturnValues
            {
                int Use(VfioCore core, VfioGroupFile file, int id)
                {
                    var group = core.GetExternalUser(file);
                    if (id < 0)
                    {
                        var group2 = 3;
                        return group2;
                    }
                    core.PutExternalUser(group);
                    return 0;
                }
                int Use2(VfioCore core, VfioGroupFile file)
                {
                    var g = core.GetExternalUser(file);
                    if (g.Id < 0)
                        return core.ExternalUserIommuId(g);
                    core.PutExternalUser(g);
                    return 0;
                }
                VfioGroup? Use3(VfioCore core, VfioGroupFile file)
                {
                    var g = core.GetExternalUser(file);
                    if (g.Id < 0)
                        return g.Id > 5 ? g : null;
                    core.PutExternalUser(g);
                    return null;
                }
            }
            """,
            """
            using Vfio;
            class DiscardedInLoopsAndBodies
            {
                void A(VfioCore core, VfioGroupFile[] files)
                {
                    foreach (var f in files)
                    {
                        core.GetExternalUser(f);
                        if (f == null)
                            continue;
                        f.Close();
                    }
                }
                int B(VfioCore core, VfioGroupFile file)
                {
                    if (core.GetExternalUser(file).Id > 0)
                        return 1;
                    return 0;
                }
                System.Action C(VfioCore core, VfioGroupFile file) => () => core.GetExternalUser(file);
                bool D(VfioCore core, VfioGroupFile file) => core.TryGetExternalUser(file, out _, out _);
                void E(VfioCore core, VfioGroupFile file, int mode)
                {
                    switch (mode)
                    {
                        case 1:
                            core.GetExternalUser(file);
                            break;
                    }
                }
            }
            """,
            """
            using Vfio;
            class ConditionalPutThenPut
            {
                void A(VfioCore core, VfioGroupFile file, bool fail)
                {
                    var g = core.GetExternalUser(file);
                    if (fail)
                    {
                        core.PutExternalUser(g);
                    }
                    core.PutExternalUser(g);
                }
                void B(VfioCore core, VfioGroupFile file, bool fail)
                {
                    var g = core.GetExternalUser(file);
                    if (fail)
                    {
                        core.PutExternalUser(g);
                        file.Close();
                    }
                    core.PutExternalUser(g);
                }
                void C(VfioCore core, VfioGroupFile file, bool fail)
                {
                    var g = core.GetExternalUser(file);
                    if (fail)
                        core.PutExternalUser(g);
                    else
                        core.PutExternalUser(g);
                    core.PutExternalUser(g);
                }
            }
            """,
            """
            using Vfio;
            class TryWithoutTest
            {
                int A(VfioCore core, VfioGroupFile file, bool x)
                {
                    bool ok = core.TryGetExternalUser(file, out var g, out _);
                    if (x)
                        core.PutExternalUser(g!);
                    return ok ? 1 : 0;
                }
                int B(VfioCore core, VfioGroupFile file, bool x)
                {
                    VfioGroup? g = null;
                    if (x)
                        g = core.GetExternalUser(file);
                    core.PutExternalUser(g!);
                    return 0;
                }
            }
            """,
            """
            using Vfio;
            class HandedOnOnOnePath
            {
                private VfioGroup? _kept;
                int A(VfioCore core, VfioGroupFile file, bool keep)
                {
                    var g = core.GetExternalUser(file);
                    if (keep)
                    {
                        _kept = g;
                    }
                    return 0;
                }
                VfioGroup? B(VfioCore core, VfioGroupFile file, bool keep)
                {
                    var g = core.GetExternalUser(file);
                    return keep ? g : null;
                }
            }
            """,
            """
            using Vfio;
            class LoopOverwriteAfterPut
            {
                int Use(VfioCore core, VfioGroupFile[] files)
                {
                    VfioGroup? g = null;
                    foreach (var f in files)
                    {
                        g = core.GetExternalUser(f);
                        if (g.Id > 0)
                            core.PutExternalUser(g);
                    }
                    return 0;
                }
            }
            """,
        };
    }
}
