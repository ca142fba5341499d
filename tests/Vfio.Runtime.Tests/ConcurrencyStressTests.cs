using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Vfio;
using Xunit;
using Xunit.Abstractions;

namespace Vfio.Runtime.Tests
{
    /// <summary>
    /// Several threads acquire and put external users, open and close group files, and set and unset containers
    /// at random (seeded, bounded). Nothing but the documented <see cref="VfioException"/>s may escape, every
    /// held group must stay usable, and afterwards every count is back to zero.
    /// </summary>
    public sealed class ConcurrencyStressTests
    {
        private const int Seed = 0x5F10;
        private const int Threads = 6;
        private const int Iterations = 20000;
        private const int Groups = 4;

        /// <summary>What the operations below may fail with: no container, no backend, closed file (EINVAL); busy open or unset (EBUSY); ioctl on a closed file (EBADF).</summary>
        private static readonly HashSet<Errno> Documented = new HashSet<Errno> { Errno.EINVAL, Errno.EBUSY, Errno.EBADF };

        private readonly ITestOutputHelper _output;

        public ConcurrencyStressTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Random_acquires_puts_closes_and_unsets_leave_every_count_at_zero()
        {
            VfioCore core = new VfioCore();
            VfioDevice[] devices = new VfioDevice[Groups];
            for (int g = 0; g < Groups; g++)
            {
                devices[g] = core.AddDevice($"0000:{g + 1:x2}:00.0", g + 1);
            }

            VfioGroup[] groups = Array.ConvertAll(devices, device => core.FindGroup(device.IommuGroupId)!);
            VfioContainer[] containers = { core.OpenContainer(), core.OpenContainer() };
            VfioGroupFile?[] files = new VfioGroupFile?[Groups];
            ConcurrentQueue<Exception> unexpected = new ConcurrentQueue<Exception>();
            ConcurrentDictionary<Errno, int> refused = new ConcurrentDictionary<Errno, int>();
            int acquired = 0;
            int put = 0;

            using Barrier start = new Barrier(Threads);
            Thread[] threads = new Thread[Threads];
            for (int t = 0; t < Threads; t++)
            {
                int index = t;
                threads[t] = new Thread(() =>
                {
                    Random random = new Random(Seed + index);
                    List<(VfioGroup Group, int Id)> held = new List<(VfioGroup, int)>();
                    start.SignalAndWait();
                    for (int i = 0; i < Iterations; i++)
                    {
                        int g = random.Next(Groups);
                        try
                        {
                            switch (random.Next(10))
                            {
                                case 0:
                                    VfioGroupFile opened = core.OpenGroup(g + 1);
                                    if (Interlocked.CompareExchange(ref files[g], opened, null) is not null)
                                    {
                                        unexpected.Enqueue(new InvalidOperationException($"group {g + 1} opened while its file was still listed"));
                                        opened.Close();
                                    }

                                    break;
                                case 1:
                                    Interlocked.Exchange(ref files[g], null)?.Close();
                                    break;
                                case 2:
                                    Volatile.Read(ref files[g])?.SetContainer(containers[random.Next(containers.Length)]);
                                    break;
                                case 3:
                                    containers[random.Next(containers.Length)].SetIommu(random.Next(2) == 0 ? VfioIommuType.Type1 : VfioIommuType.Type1v2);
                                    break;
                                case 4:
                                    Volatile.Read(ref files[g])?.UnsetContainer();
                                    break;
                                case 5:
                                    VfioGroupFile? file = Volatile.Read(ref files[g]);
                                    if (file is not null)
                                    {
                                        if (core.TryGetExternalUser(file, out VfioGroup? fromFile, out Errno error))
                                        {
                                            Hold(fromFile, g + 1);
                                        }
                                        else if (Documented.Contains(error))
                                        {
                                            refused.AddOrUpdate(error, 1, (_, n) => n + 1);
                                        }
                                        else
                                        {
                                            unexpected.Enqueue(new VfioException(error, "from TryGetExternalUser"));
                                        }
                                    }

                                    break;
                                case 6:
                                    Hold(core.GetExternalUserFromDev(devices[g]), g + 1);
                                    break;
                                case 7:
                                    VfioGroupFile? target = Volatile.Read(ref files[g]);
                                    if (target is not null)
                                    {
                                        Hold(core.GetExternalUser(target), g + 1);
                                    }

                                    break;
                                default:
                                    if (held.Count > 0)
                                    {
                                        int k = random.Next(held.Count);
                                        core.PutExternalUser(held[k].Group);
                                        held.RemoveAt(k);
                                        Interlocked.Increment(ref put);
                                    }

                                    break;
                            }
                        }
                        catch (VfioException e) when (Documented.Contains(e.Errno))
                        {
                            refused.AddOrUpdate(e.Errno, 1, (_, n) => n + 1);
                        }
                        catch (Exception e)
                        {
                            unexpected.Enqueue(e);
                        }
                    }

                    foreach ((VfioGroup group, _) in held)
                    {
                        core.PutExternalUser(group);
                        Interlocked.Increment(ref put);
                    }

                    void Hold(VfioGroup group, int id)
                    {
                        held.Add((group, id));
                        Interlocked.Increment(ref acquired);

                        // While held, the group keeps a container with a backend, whatever the other threads do.
                        if (core.ExternalUserIommuId(group) != id || core.ExternalCheckExtension(group, 1) != 1 || group.ExternalUsers < 1)
                        {
                            unexpected.Enqueue(new InvalidOperationException($"held group {id} is not usable"));
                        }
                    }
                });
                threads[t].Start();
            }

            Stopwatch elapsed = Stopwatch.StartNew();
            foreach (Thread thread in threads)
            {
                Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "a worker did not finish: deadlock?");
            }

            _output.WriteLine($"{elapsed.Elapsed}: {acquired} acquired and put; refused: {string.Join(", ", refused)}");
            Assert.Empty(unexpected);
            Assert.True(acquired > 0, "no external user was ever acquired");
            Assert.Equal(acquired, put);

            for (int g = 0; g < Groups; g++)
            {
                Interlocked.Exchange(ref files[g], null)?.Close();
            }

            Assert.Empty(core.HeldExternalUsers);
            foreach (VfioGroup group in groups)
            {
                Assert.Same(group, core.FindGroup(group.Id));
                Assert.Equal(new GroupState(RefCount: 1, ContainerUsers: 0, ExternalUsers: 0, Opened: false, Container: null), GroupState.Of(group));
            }

            foreach (VfioContainer container in containers)
            {
                Assert.Equal(new ContainerState(RefCount: 1, GroupCount: 0, Backend: null), ContainerState.Of(container));
                container.Close();
                Assert.Equal(0, container.RefCount);
            }

            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(30), $"took {elapsed.Elapsed}");
        }

        [Fact]
        public void A_failing_from_device_acquire_racing_the_last_close_never_leaves_the_group_attached()
        {
            // The container-user step adds a user, finds no backend, and takes it back. If the file's close drops
            // its user in between, the take-back is the last user and must detach the group; otherwise the group
            // stays attached with no users and can never be opened again. An open racing the take-back may see the
            // container still attached and fail with EBUSY, as the kernel's does; once both stop, all is released.
            VfioCore core = new VfioCore();
            VfioDevice device = core.AddDevice("0000:01:00.0", 1);
            VfioGroup group = core.FindGroup(1)!;
            using VfioContainer container = core.OpenContainer();
            ConcurrentQueue<Exception> unexpected = new ConcurrentQueue<Exception>();
            int rounds = 0;
            int busy = 0;
            bool done = false;

            Thread acquirer = new Thread(() =>
            {
                while (!Volatile.Read(ref done))
                {
                    if (core.TryGetExternalUserFromDev(device, out VfioGroup? held, out Errno error))
                    {
                        unexpected.Enqueue(new InvalidOperationException("acquired without a backend"));
                        core.PutExternalUser(held);
                    }
                    else if (error != Errno.EINVAL)
                    {
                        unexpected.Enqueue(new VfioException(error));
                    }
                }
            });
            acquirer.Start();
            try
            {
                Stopwatch elapsed = Stopwatch.StartNew();
                while (rounds < 200_000 && elapsed.Elapsed < TimeSpan.FromSeconds(1))
                {
                    VfioGroupFile file;
                    try
                    {
                        file = core.OpenGroup(1);
                    }
                    catch (VfioException e) when (e.Errno == Errno.EBUSY)
                    {
                        // The acquirer holds the last user for a moment and detaches the group when it gives it back.
                        busy++;
                        continue;
                    }

                    file.SetContainer(container);
                    file.Close();
                    rounds++;
                }
            }
            finally
            {
                Volatile.Write(ref done, true);
                acquirer.Join();
            }

            _output.WriteLine($"{rounds} open/set/close rounds, {busy} opens refused while the acquirer held the last user");
            Assert.Empty(unexpected);
            Assert.Equal(new GroupState(RefCount: 1, ContainerUsers: 0, ExternalUsers: 0, Opened: false, Container: null), GroupState.Of(group));
        }
    }
}
