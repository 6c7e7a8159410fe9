package annotatetest

import (
	"fmt"
	"strings"
)

// WeighPage gives a small saved web page the weight of a real one (about
// 170 KB, the average of a public benchmark of 181 news pages): a large
// inline script and state blob in the head and a mega-menu of links before
// the body's own content, which is what an extractor has to wade through.
func WeighPage(page []byte) []byte {
	var head, menu strings.Builder
	head.WriteString("<script>")
	for head.Len() < 110<<10 {
		head.WriteString(`window.__STATE__.push({"id":12345,"type":"teaser","url":"/world/2024/03/story","img":"/i/1.jpg"});` + "\n")
	}
	head.WriteString("</script>")
	menu.WriteString(`<div class="mega-menu"><ul>`)
	for i := 0; menu.Len() < 45<<10; i++ {
		fmt.Fprintf(&menu, `<li class="menu-item"><a href="/section/%d" class="menu-link"><span>Section %d</span></a></li>`, i, i)
	}
	menu.WriteString(`</ul></div>`)
	s := strings.Replace(string(page), "</head>", head.String()+"</head>", 1)
	s = strings.Replace(s, "<body>", "<body>"+menu.String(), 1)
	return []byte(s)
}
