"""A minimal, independent Arrow C data interface consumer and producer written with ctypes (pyarrow
is not available on Debian bookworm): enough to check what the package exports through the
PyCapsule protocol and to feed it data from outside."""

import ctypes
import struct


class ArrowSchema(ctypes.Structure):
    pass


class ArrowArray(ctypes.Structure):
    pass


class ArrowArrayStream(ctypes.Structure):
    pass


SchemaRelease = ctypes.CFUNCTYPE(None, ctypes.POINTER(ArrowSchema))
ArrayRelease = ctypes.CFUNCTYPE(None, ctypes.POINTER(ArrowArray))

ArrowSchema._fields_ = [
    ("format", ctypes.c_char_p), ("name", ctypes.c_char_p), ("metadata", ctypes.c_char_p),
    ("flags", ctypes.c_int64), ("n_children", ctypes.c_int64),
    ("children", ctypes.POINTER(ctypes.POINTER(ArrowSchema))), ("dictionary", ctypes.POINTER(ArrowSchema)),
    ("release", SchemaRelease), ("private_data", ctypes.c_void_p)]
ArrowArray._fields_ = [
    ("length", ctypes.c_int64), ("null_count", ctypes.c_int64), ("offset", ctypes.c_int64),
    ("n_buffers", ctypes.c_int64), ("n_children", ctypes.c_int64), ("buffers", ctypes.POINTER(ctypes.c_void_p)),
    ("children", ctypes.POINTER(ctypes.POINTER(ArrowArray))), ("dictionary", ctypes.POINTER(ArrowArray)),
    ("release", ArrayRelease), ("private_data", ctypes.c_void_p)]
ArrowArrayStream._fields_ = [
    ("get_schema", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ArrowArrayStream), ctypes.POINTER(ArrowSchema))),
    ("get_next", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ArrowArrayStream), ctypes.POINTER(ArrowArray))),
    ("get_last_error", ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.POINTER(ArrowArrayStream))),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(ArrowArrayStream))),
    ("private_data", ctypes.c_void_p)]

_capsule_get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_capsule_get_pointer.restype = ctypes.c_void_p
_capsule_get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
_capsule_get_name = ctypes.pythonapi.PyCapsule_GetName
_capsule_get_name.restype = ctypes.c_char_p
_capsule_get_name.argtypes = [ctypes.py_object]
_capsule_new = ctypes.pythonapi.PyCapsule_New
_capsule_new.restype = ctypes.py_object
_capsule_new.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]


def capsule_name(capsule):
    return _capsule_get_name(capsule).decode()


def capsule_struct(capsule, name, struct_type):
    return struct_type.from_address(_capsule_get_pointer(capsule, name.encode()))


def _is_valid(array, i):
    bitmap = array.buffers[0]
    if not bitmap:
        return True
    bit = array.offset + i
    return (ctypes.c_uint8.from_address(bitmap + bit // 8).value >> (bit % 8)) & 1 == 1


def _read_bytes(address, size):
    return ctypes.string_at(address, size) if size else b""


def read_column(array, format_string):
    """The values of a column as Python objects; supports int64 ("l"), int32 ("i"), float64 ("g"),
    utf8 ("u"), utf8 view ("vu") and date32 ("tdD") as days."""
    values = []
    for i in range(array.length):
        if not _is_valid(array, i):
            values.append(None)
            continue
        slot = array.offset + i
        if format_string == "l":
            values.append(ctypes.c_int64.from_address(array.buffers[1] + 8 * slot).value)
        elif format_string == "g":
            values.append(ctypes.c_double.from_address(array.buffers[1] + 8 * slot).value)
        elif format_string in ("i", "tdD"):
            values.append(ctypes.c_int32.from_address(array.buffers[1] + 4 * slot).value)
        elif format_string == "u":
            begin = ctypes.c_int32.from_address(array.buffers[1] + 4 * slot).value
            end = ctypes.c_int32.from_address(array.buffers[1] + 4 * slot + 4).value
            values.append(_read_bytes(array.buffers[2] + begin, end - begin).decode())
        elif format_string == "vu":
            view = _read_bytes(array.buffers[1] + 16 * slot, 16)
            length = struct.unpack_from("<i", view, 0)[0]
            if length <= 12:
                values.append(view[4:4 + length].decode())
            else:
                buffer_index, offset = struct.unpack_from("<ii", view, 8)
                values.append(_read_bytes(array.buffers[2 + buffer_index] + offset, length).decode())
        else:
            raise NotImplementedError(format_string)
    return values


def consume_stream(capsule):
    """Reads an "arrow_array_stream" capsule to the end as a consumer in another library would.
    Returns ([(name, format)], {name: [values]}) and releases the stream."""
    stream = capsule_struct(capsule, "arrow_array_stream", ArrowArrayStream)
    schema = ArrowSchema()
    if stream.get_schema(ctypes.byref(stream), ctypes.byref(schema)) != 0:
        raise RuntimeError(stream.get_last_error(ctypes.byref(stream)))
    assert schema.format == b"+s"
    fields = [(schema.children[i].contents.name.decode(), schema.children[i].contents.format.decode())
              for i in range(schema.n_children)]
    schema.release(ctypes.byref(schema))
    columns = {name: [] for name, _ in fields}
    while True:
        array = ArrowArray()
        code = stream.get_next(ctypes.byref(stream), ctypes.byref(array))
        if code != 0:
            raise RuntimeError(stream.get_last_error(ctypes.byref(stream)))
        if not array.release:
            break
        assert array.n_children == len(fields)
        for index, (name, format_string) in enumerate(fields):
            columns[name].extend(read_column(array.children[index].contents, format_string))
        array.release(ctypes.byref(array))
        assert not array.release, "release must mark the array released"
    stream.release(ctypes.byref(stream))
    assert not stream.release, "release must mark the stream released"
    return fields, columns


class Int64ColumnProducer:
    """Produces one batch with an int64 column "n" (from a Python list, None for null) and, when
    `timestamp_format` is given (e.g. "tss:Europe/Berlin"), the same values as a timestamp column
    "ts", through __arrow_c_array__. It owns the memory; the release callbacks count calls."""

    def __init__(self, values, timestamp_format=None):
        self.released = 0
        length = len(values)
        self._data = (ctypes.c_int64 * length)(*[v or 0 for v in values])
        bitmap = bytearray((length + 7) // 8)
        for i, v in enumerate(values):
            if v is not None:
                bitmap[i // 8] |= 1 << (i % 8)
        self._bitmap = (ctypes.c_uint8 * len(bitmap))(*bitmap)
        null_count = sum(v is None for v in values)
        self._schema_release = SchemaRelease(self._release_schema)
        self._array_release = ArrayRelease(self._release_array)
        formats = [(b"n", b"l")] + ([(b"ts", timestamp_format.encode())] if timestamp_format else [])
        self._child_schemas = [ArrowSchema(format=f, name=n, flags=2, release=self._schema_release)
                               for n, f in formats]
        self._child_schema_pointers = (ctypes.POINTER(ArrowSchema) * len(formats))(
            *[ctypes.pointer(s) for s in self._child_schemas])
        self._buffers = (ctypes.c_void_p * 2)(ctypes.addressof(self._bitmap), ctypes.addressof(self._data))
        self._child_arrays = [ArrowArray(length=length, null_count=null_count, n_buffers=2, buffers=self._buffers,
                                         release=self._array_release) for _ in formats]
        self._child_array_pointers = (ctypes.POINTER(ArrowArray) * len(formats))(
            *[ctypes.pointer(a) for a in self._child_arrays])
        self._struct_buffers = (ctypes.c_void_p * 1)(None)
        self._formats = formats

    def _release_schema(self, schema):
        schema.contents.release = SchemaRelease()
        self.released += 1

    def _release_array(self, array):
        array.contents.release = ArrayRelease()
        self.released += 1

    def __arrow_c_array__(self, requested_schema=None):
        # Fresh top-level structures per call: the consumer moves them.
        self._top_schema = ArrowSchema(format=b"+s", name=b"", n_children=len(self._formats),
                                       children=self._child_schema_pointers, release=self._schema_release)
        self._top_array = ArrowArray(length=self._child_arrays[0].length, n_buffers=1, buffers=self._struct_buffers,
                                     n_children=len(self._formats), children=self._child_array_pointers,
                                     release=self._array_release)
        return (_capsule_new(ctypes.addressof(self._top_schema), b"arrow_schema", None),
                _capsule_new(ctypes.addressof(self._top_array), b"arrow_array", None))
