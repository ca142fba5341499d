namespace VfioAnalyzers.Flow
{
    /// <summary>The zero, one or two resource ids a value carries, enumerable without allocation.</summary>
    internal readonly struct ResourceIds
    {
        private readonly int _first;
        private readonly int _second;
        private readonly bool _any;

        public ResourceIds(int first, int second)
        {
            _first = first;
            _second = second;
            _any = true;
        }

        public Enumerator GetEnumerator() => new Enumerator(_any ? _first : -1, _any ? _second : -1);

        public struct Enumerator
        {
            private readonly int _first;
            private readonly int _second;
            private int _index;

            public Enumerator(int first, int second)
            {
                _first = first;
                _second = second;
                _index = -1;
            }

            public int Current => _index == 0 ? _first : _second;

            public bool MoveNext()
            {
                while (++_index < 2)
                {
                    if (Current >= 0)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
