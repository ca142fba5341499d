using System.Threading;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Where one file spells a contract member's name, in order, with what each spelling was found to do once it was
    /// judged: the wrapper search judges the calls of acquiring members, and the body that holds them asks again when
    /// it is analysed. Each mention is judged once per compilation, whoever asks first.
    /// </summary>
    internal sealed class FileMentions
    {
        public static readonly FileMentions None = new FileMentions(System.Array.Empty<int>());

        private const int MayCall = 1;
        private const int CallsNothing = 2;

        // One per position; threads that judge the same mention at once find the same answer, so a plain write is enough.
        private readonly int[] _verdicts;

        // Where the file escapes a character or holds a formatting character: a name spelled there is not found.
        private readonly int[] _hidden;

        public FileMentions(int[] positions, int[]? hidden = null)
        {
            Positions = positions;
            _verdicts = positions.Length == 0 ? System.Array.Empty<int>() : new int[positions.Length];
            _hidden = hidden ?? System.Array.Empty<int>();
        }

        /// <summary>Where the mentions start, in order.</summary>
        public int[] Positions { get; }

        /// <summary>What the mention at <paramref name="index"/> was found to do: whether it may call a contract member; null before it is judged.</summary>
        public bool? Verdict(int index) => Volatile.Read(ref _verdicts[index]) switch
        {
            MayCall => true,
            CallsNothing => false,
            _ => null,
        };

        /// <summary>Keeps what the mention at <paramref name="index"/> was found to do, for whoever asks next.</summary>
        public bool Remember(int index, bool mayCall)
        {
            Volatile.Write(ref _verdicts[index], mayCall ? MayCall : CallsNothing);
            return mayCall;
        }

        /// <summary>
        /// Whether the text from <paramref name="start"/> to <paramref name="end"/> may spell a name the scan did not see
        /// (<see cref="HiddenSpellings"/>): such a body is read as syntax, where names are as the compiler reads them.
        /// </summary>
        public bool MayHideAName(int start, int end)
        {
            int index = System.Array.BinarySearch(_hidden, start);
            index = index < 0 ? ~index : index;
            return index < _hidden.Length && _hidden[index] < end;
        }

        /// <summary>The index of the first mention at or after <paramref name="position"/>.</summary>
        public int IndexAtOrAfter(int position)
        {
            int index = System.Array.BinarySearch(Positions, position);
            return index < 0 ? ~index : index;
        }
    }
}
