/// Many short arrays kept as one: array `i` is `elements[starts[i]..<starts[i + 1]]`. One allocation for all of them
/// instead of one each (an array's header and its allocation outweigh a few scalars or indexes).
struct PackedArrays<Element: Sendable>: Sendable, RandomAccessCollection {
    private(set) var elements: [Element] = []
    private var starts: [Int32] = [0]

    init() {}

    /// The arrays of `arrays`, in order.
    init(_ arrays: some Sequence<some Sequence<Element>>) {
        for array in arrays { append(array) }
    }

    /// Arrays already packed: `starts` begins with 0 and ends with `elements.count`, never decreasing.
    init(elements: [Element], starts: [Int32]) {
        precondition(starts.first == 0 && starts.last.map(Int.init) == elements.count)
        self.elements = elements
        self.starts = starts
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.count - 1 }

    subscript(i: Int) -> ArraySlice<Element> { elements[Int(starts[i])..<Int(starts[i + 1])] }

    /// Adds `array` as the last array.
    mutating func append(_ array: some Sequence<Element>) {
        elements.append(contentsOf: array)
        starts.append(Int32(elements.count))
    }

    /// Room for `arrays` arrays holding `elements` elements in all.
    mutating func reserveCapacity(arrays: Int, elements count: Int) {
        starts.reserveCapacity(arrays + 1)
        elements.reserveCapacity(count)
    }
}
